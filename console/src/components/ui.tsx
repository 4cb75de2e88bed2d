// Small shared pieces: dialog, error/empty/loading states, action labels.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** Native <dialog> opened modally: focus trap, Escape and the dialog role come from the browser. */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const { t } = useI18n();
  return (
    <dialog
      ref={ref}
      className={props.className ?? 'modal'}
      aria-label={props.title}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <header className="dialog-head">
        <h2>{props.title}</h2>
        <button type="button" className="icon" aria-label={t('Close')} onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

export function ErrorBox({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Busy({ busy, children, label, className }: { busy: boolean; children: ReactNode; label?: string; className?: string }) {
  return (
    <section aria-busy={busy ? 'true' : 'false'} aria-label={label} className={className}>
      {children}
    </section>
  );
}

/** `request_return` -> `Request return` (the English button name the browser tests use). */
export const actionLabel = (action: string) => {
  const s = action.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** `pending_payment` / `PENDING_PAYMENT` -> `Pending payment`. */
export const codeLabel = (code: string | null | undefined) => (code ? actionLabel(code.toLowerCase()) : '—');

export function StatusBadge({ code, testId }: { code: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge s-${code.toLowerCase()}`} data-testid={testId}>
      {t(codeLabel(code))}
    </span>
  );
}
