// Catches its own stack overflow and answers: the instance stays usable.
function down(n) { return down(n + 1) + 1; }
export default { fetch(req) {
  try { down(0); } catch (e) { return new Response(e.constructor.name); }
  return new Response('unreachable');
} };
