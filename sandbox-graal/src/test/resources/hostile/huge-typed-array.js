// One huge allocation: refused by the typed-array length cap, as a guest RangeError.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) return new Response(String(new Float64Array(2 ** 30).length));
  return new Response('ok');
} };
