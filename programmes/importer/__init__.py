"""Reads the text of a signed coordination plan and proposes its structure.

Plain Python, no Django: ``readers`` turn uploaded bytes into text,
``parser`` turns text into a ``ParsedPlan``. Errors carry a code that the
portal turns into a translated message.
"""
