// The one error type of the parse stage (its own module: every format's parser throws it).
import { KhabarError } from '../../model/errors.ts';

/** A document that is not a feed, or not well-formed enough to read. */
export class FeedParseError extends KhabarError {}
