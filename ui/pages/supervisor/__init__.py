"""The supervisor's desk: one page whose sections (operators, purposes, audit, self-check)
each live in their own module and are listed in `desk.SECTIONS`."""
