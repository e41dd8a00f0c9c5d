"""``python -m spec_compiler``."""

from spec_compiler.cli import console

if __name__ == "__main__":
    console()
