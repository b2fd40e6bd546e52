// Spins forever after an await (a later microtask of the same task).
export default { async fetch(req) {
  await null;
  if (req.url.endsWith('/attack')) { for (;;) {} }
  return new Response('ok');
} };
