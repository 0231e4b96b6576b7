"""What happens to a title after naming: risk events, revocation, incentives, cultivation."""
