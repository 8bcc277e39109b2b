"""Document families: table grid -> typed rows, keyed by header meaning (never by column index)."""
