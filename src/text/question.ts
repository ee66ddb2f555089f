/**
 * A question is read up to this many characters; the rest cannot change what it asks. The engine
 * analyses no more, answers echo no more, and Discord's /ask option declares the same bound.
 */
export const MAX_QUESTION_CHARS = 300;
