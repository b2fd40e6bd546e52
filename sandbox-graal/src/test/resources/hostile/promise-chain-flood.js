// Grows a promise chain without end.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { let p = Promise.resolve(); for (;;) p = p.then(() => {}); }
  return new Response('ok');
} };
