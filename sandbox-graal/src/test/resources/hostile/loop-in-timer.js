// Spins forever in a timer callback, after the handler returned a pending promise.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) {
    return new Promise(() => setTimeout(() => { while (true) {} }, 1));
  }
  return new Response('ok');
} };
