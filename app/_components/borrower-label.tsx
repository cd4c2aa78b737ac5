/** A borrower as lists and case pages name them: the name, and the masked identifier that tells two
 * borrowers of one name apart (4401**********451X); never the whole ID number, which is not stored. */
export function BorrowerLabel({ name, identifierHint }: { name: string | null; identifierHint: string | null }) {
  if (name === null) return <>—</>;
  return (
    <span data-testid="borrower-label">
      <span>{name}</span>
      {identifierHint ? (
        <span data-testid="borrower-identifier-hint" className="mono ml-1.5 text-xs whitespace-nowrap text-slate-500">
          {identifierHint}
        </span>
      ) : null}
    </span>
  );
}
