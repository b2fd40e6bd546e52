// Allocation bomb: an array of arrays, growing until something stops it.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { const a = []; for (;;) a.push(new Array(1000).fill(1)); }
  return new Response('ok');
} };
