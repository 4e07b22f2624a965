"""The printed card face against the chip: a scan or photo of the face, straightened with the
card's known layout, compared field by field with what the chip holds."""
