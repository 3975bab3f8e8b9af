"""Lists of pupils (and teachers) proposed for awards and scholarships, exchanged between a
plan's parties: drawn up by one, sent to the other, agreed or returned."""
