// One allocation just under the test heap (200 MiB as a Float64Array): refused by the length cap
// (2^23 elements), so it never reaches the host heap in one step.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) return new Response(String(new Float64Array(25 * 2 ** 20).length));
  return new Response('ok');
} };
