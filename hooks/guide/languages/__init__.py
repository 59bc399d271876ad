"""Pages per language: their sources, twins' parity, the shell's labels and language parts (overrides/partials/, assets/*/shell.*)."""
