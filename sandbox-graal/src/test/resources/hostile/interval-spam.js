// Keeps an interval running forever while never answering.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) {
    return new Promise(() => { setInterval(() => { for (let i = 0; i < 1e5; i++) {} }, 1); });
  }
  return new Response('ok');
} };
