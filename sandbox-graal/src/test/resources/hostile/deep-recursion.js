// Unbounded recursion: must be a guest RangeError (stack overflow), never a host crash.
function down(n) { return down(n + 1) + 1; }
export default { fetch(req) {
  if (req.url.endsWith('/attack')) return new Response(String(down(0)));
  return new Response('ok');
} };
