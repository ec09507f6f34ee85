"""The project's conversation runner (`make conversations`) and what it shares with the
Bespoken export (`make bst-export`): the case file format, the npm cache, the loopback skill.

Not part of the Lambda artifact. See docs/checks.md.
"""
