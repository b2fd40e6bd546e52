// Legitimate-looking but unbounded work: naive recursion that takes far longer than any budget.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
export default { fetch(req) {
  if (req.url.endsWith('/attack')) return new Response(String(fib(60)));
  return new Response('ok');
} };
