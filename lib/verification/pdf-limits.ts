// Limits of the uploaded-PDF check, shared by the route handler and the upload form in the browser.
export const maxPdfBytes = 10 * 1024 * 1024
// The multipart envelope around the file: boundaries, headers, the file name.
export const maxUploadBodyBytes = maxPdfBytes + 64 * 1024
