import sharp from 'sharp';

/** A multipart/form-data body as a browser sends it, with its Content-Type (boundary included). */
export async function multipartBody(fields: Record<string, string>, file?: { name: string; filename: string; type: string; bytes: Uint8Array }): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file !== undefined) form.append(file.name, new Blob([file.bytes], { type: file.type }), file.filename);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

/** A real encoded picture of the given size and format, drawn by sharp (a gradient-free flat colour). */
export async function pictureOf(width: number, height: number, format: 'png' | 'jpeg' | 'webp', colour = '#3366cc'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })[format]().toBuffer();
}
