"""Personal goals of mentees and the stamps of the letter passport (docs/design.md, "Goals and stamps")."""
