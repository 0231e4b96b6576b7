"""A unit's application from self-evaluation to its title: assessments, reviews, notices, recognitions, named units."""
