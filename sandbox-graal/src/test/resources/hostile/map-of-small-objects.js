// Allocation bomb that crashed the host JVM in the spike: a Map of small objects.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { const m = new Map(); let i = 0; for (;;) { m.set(i, { i, s: 'x' + i }); i++; } }
  return new Response('ok');
} };
