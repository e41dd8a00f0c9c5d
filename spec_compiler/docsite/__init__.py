"""The documentation site of ``spec-compiler docs``.

``model`` turns a spec into a page model (chat entries in ``chat``, channel views in
``channels``), ``reference`` reads the schemas and rules, and ``html`` / ``markdown``
render those models. Templates and static assets are package files.
"""
