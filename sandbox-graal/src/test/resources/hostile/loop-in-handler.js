// Spins forever in the handler itself.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { while (true) {} }
  return new Response('ok');
} };
