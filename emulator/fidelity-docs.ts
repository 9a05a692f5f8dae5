/**
 * Fidelity entries for the Advanced Docs service (issue 18: emulator/docs-api.ts), appended to FIDELITY_CHANGES by
 * emulator/fidelity-changes.ts. Each rule names Google's reference; where the wording comes from a public report of
 * the API's 400 rather than from the reference, that report is cited too.
 */
import type { FidelityChange } from './fidelity-changes';

const REQ = 'https://developers.google.com/docs/api/reference/rest/v1/documents/request';

export const DOCS_FIDELITY: FidelityChange[] = [
  {
    member: 'Docs.Documents.get',
    url: 'https://developers.google.com/docs/api/reference/rest/v1/documents/get',
    does: 'The document as Docs API JSON, from the same DocumentModel DocumentApp edits: body (a section break [0,1), then paragraphs with textRuns, paragraphStyle namedStyleType/alignment, bullets; tables with tableRows/tableCells, column widths, borders), the default header and footer (segments from 0), indexes in UTF-16 code units (https://developers.google.com/docs/api/concepts/structure). Scopes: documents, documents.readonly, drive, drive.file or drive.readonly (…/get#authorization-scopes). A missing document: "Requested entity was not found."',
    doesNot: 'Inline objects, footnotes, named ranges, suggestions, tabs, lists\' properties, most text and paragraph style fields (bold, italic, underline, fontSize, foregroundColor; namedStyleType, alignment only).',
    assumed: 'A table\'s end marker: its endIndex is one past its last row\'s (cell positions T+3+r·(2C+1)+2c agree with https://tanaikech.github.io/2019/05/22/creating-new-table-and-putting-values-to-cells-using-google-docs-api-with-google-apps-script/); get reads what Docs has saved, so DocumentApp edits not yet saved in the running execution are not in it.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: 'https://developers.google.com/docs/api/how-tos/batch',
    does: 'Requests apply in order, each on the document the previous left, atomically (one invalid request and nothing is applied), then the document is saved (DocumentApp.openById and the PDF export see it). Emulated requests: insertText, insertTable, deleteContentRange, updateTextStyle, updateParagraphStyle, updateTableColumnProperties, updateTableCellStyle, createHeader, createFooter; any other throws "Emulator: … is not emulated". An empty request: "Invalid requests[i]: No request set." (https://github.com/googleapis/google-api-php-client/issues/2104). Errors read "GoogleJsonResponseException: API call to docs.documents.batchUpdate failed with error: Invalid requests[i].<kind>: <message>". Scopes: documents, drive or drive.file (…/batchUpdate#authorization-scopes).',
    doesNot: 'replaceAllText, named ranges, images, bullets, section breaks, footnotes, writeControl.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#InsertTextRequest`,
    does: 'insertText: Text must be non-empty: "Insert text requests must specify text to insert." (https://github.com/alignerg/lappers-posts/issues/47). The index must be inside an existing paragraph (from its start to its newline, not a table\'s, row\'s or cell\'s own index, not the section break): "The insertion index must be inside the bounds of an existing paragraph." (quoted in public reports, e.g. https://github.com/Skeptomenos/gws-mcp-advanced/blob/main/TEST_RESULTS.md). An index at or past the segment\'s end: "Index N must be less than the end index of the referenced segment, M." (same reports). "\\n" in the text starts new paragraphs of the same paragraph style; the text takes the style of the character before it.',
    assumed: 'That inserted text takes the style of the character before it (the first run\'s at a paragraph\'s start); Google documents only that styles may be inherited.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#InsertPageBreakRequest`,
    does: 'insertPageBreak: "Inserts a page break followed by a newline at the specified location"; "Page breaks cannot be inserted inside a table, equation, footnote, header or footer" (refused). A page break, like an image, takes one index (https://developers.google.com/docs/api/concepts/structure); documents.get shows it as a pageBreak element; the PDF starts a new page after it.',
    doesNot: 'endOfSegmentLocation.',
    assumed: 'The refusal\'s wording; that a paragraph holding only a page break adds no line at the top of the next page.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#InsertTableRequest`,
    does: 'insertTable: "A newline character will be inserted before the inserted table, therefore the table start index will be at the specified location index + 1"; the index must be inside a paragraph (a table\'s start index is refused with the insertText wording); cells are empty paragraphs.',
    doesNot: 'A table inside a table cell (throws "not emulated"); endOfSegmentLocation.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#DeleteContentRangeRequest`,
    does: 'deleteContentRange: Deleting across a paragraph boundary merges the two paragraphs (the surviving newline keeps its paragraph style). Refused as the reference lists: the last newline of a body, header, footer or table cell ("The range cannot include the newline character at the end of the segment.", quoted in https://github.com/piotr-agier/google-drive-mcp/pull/198 and other public reports); part of a table, or the newline just before a table without the table ("Invalid deletion range. Cannot delete the requested range."); a range crossing table cells.',
    assumed: 'The wording for part of a table / the newline before a table, for an empty range ("The range must not be empty.") and for a range over the section break; the index printed in "Index N must be less than…" for a range (its last index).',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#UpdateTextStyleRequest`,
    does: 'updateTextStyle: Sets bold, italic, underline, fontSize and foregroundColor on the range (runs split at its ends); a field named in `fields` and absent from textStyle is reset; `fields` is required.',
    doesNot: 'Other text style fields (refused as unsupported).',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#UpdateParagraphStyleRequest`,
    does: 'updateParagraphStyle: namedStyleType (NORMAL_TEXT, TITLE, SUBTITLE, HEADING_1…6 ↔ DocumentApp ParagraphHeading) and alignment (START, CENTER, END, JUSTIFIED) on every paragraph the range touches.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#UpdateTableColumnPropertiesRequest`,
    does: 'updateTableColumnProperties: FIXED_WIDTH columns of at least 5 points (the reference\'s minimum) on the table starting at tableStartLocation; the widths travel with the table (DocumentApp copies, documents.get).',
    assumed: 'The wording when no table starts at the location or a width is under 5 points.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#UpdateTableCellStyleRequest`,
    does: 'updateTableCellStyle: With tableStartLocation (the whole table): border colour and width, kept as the table\'s BORDER_COLOR / BORDER_WIDTH attributes that DocumentApp reads.',
    doesNot: 'Per-cell borders, tableRange, background colours, padding.',
  },
  {
    member: 'Docs.Documents.batchUpdate',
    url: `${REQ}#CreateHeaderRequest`,
    does: 'createHeader / createFooter (type DEFAULT): the segment with one empty paragraph, its id in the reply (createHeader.headerId, createFooter.footerId), as the reference\'s CreateHeaderResponse says.',
    assumed: 'The wording when the document already has a default header or footer ("A default header already exists.").',
  },
];
