"""Safety and publishing: crisis help data (overrides/partials/crisis-help.html), unsafe-HTML check, Content-Security-Policy, public address."""
