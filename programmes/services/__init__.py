"""Writes with rules. Views, commands, the admin and tasks all go through these."""
