//! The technology skill taxonomy: canonical names, categories, aliases and implications,
//! loaded from `data/`, and a matcher that finds skills in text.
