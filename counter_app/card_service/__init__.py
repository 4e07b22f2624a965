"""Which card service the counter uses: PC/SC, the in-process virtual reader, training cards.

It sits above both the host-side card layer (`card`) and the simulated card OS
(`virtual_card`), so that neither of them needs the other.
"""
