// Schedules timers without end.
export default { fetch(req) {
  if (req.url.endsWith('/attack')) { for (;;) setTimeout(() => {}, 1e9); }
  return new Response('ok');
} };
