"""negotiate: game-theoretic analysis of international negotiations."""
