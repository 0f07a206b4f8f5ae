"""English date formats that differ from Django's: day before month, as in "Friday 11 December".

Brevven's English is British-leaning (as its programs are European); Django's own formats
for the other languages already read naturally.
"""

MONTH_DAY_FORMAT = "j F"
