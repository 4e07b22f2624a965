"""The library desk's side of the library system: a SIP2 client, and a training library.

The library's own system (Koha, Evergreen, a commercial one) stays the system of record; the desk
asks it for the patron and lends, returns and renews items by barcode over SIP2 2.00.  Without a
configured library system, the training mode starts `training_server` on this machine.
"""
