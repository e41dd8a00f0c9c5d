"""``python -m spec_compiler``."""

from spec_compiler.cli import main

if __name__ == "__main__":
    main()
