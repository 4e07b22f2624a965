"""One page per counter workflow; each gathers a request and runs it off the GUI thread."""
