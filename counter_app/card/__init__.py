"""The card layer: APDUs, TLV, connections, readers and one session class per card application."""
