"""Meeting cards and printables: the card model, card pages, PDFs, booklets, printable sheets; templates in overrides/cards/."""
