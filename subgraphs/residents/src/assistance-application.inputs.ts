import { text } from '@liangling/kit';

/** The handler's note on an application. */
export const applicationNoteSchema = text(500);
