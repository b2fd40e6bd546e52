// Spins forever in a microtask queued by the handler.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) {
    return new Promise(() => queueMicrotask(() => { while (true) {} }));
  }
  return new Response('ok');
} };
