// Answers at once, then keeps background work alive forever with an interval inside waitUntil.
export default { fetch(req, env, ctx) {
  if (req.url.endsWith('/attack')) {
    ctx.waitUntil(new Promise(() => { setInterval(() => {}, 5); }));
    return new Response('answered');
  }
  return new Response('ok');
} };
