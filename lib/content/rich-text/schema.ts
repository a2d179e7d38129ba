import { getSchema } from '@tiptap/core';
import { richTextExtensions } from './extensions';

/** The ProseMirror schema that the shared extension list defines. */
export const richTextSchema = getSchema(richTextExtensions);
