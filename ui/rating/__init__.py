"""The rating self-assessment screen (RatingScreen in ui.rating.screen)."""
