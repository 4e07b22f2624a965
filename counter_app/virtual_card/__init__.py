"""A card OS in software that implements docs/card-profile.md."""
