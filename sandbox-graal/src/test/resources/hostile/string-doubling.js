// Doubles a string and flattens it each time (charCodeAt forces a flat copy).
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { let s = 'x'; for (;;) { s = s + s; s.charCodeAt(s.length - 1); } }
  return new Response('ok');
} };
