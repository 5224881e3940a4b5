import { type ReactElement, type ReactNode, useState } from 'react';
import { Button, Confirm, useNotify, useRefresh } from 'react-admin';

interface ConfirmButtonProps {
  label: string;
  icon: ReactElement;
  color?: 'primary' | 'error';
  title: string;
  titleOptions?: Record<string, unknown>;
  /** A message key, or the dialog's own content (a comment field…). */
  content: ReactNode;
  /** The confirm button's label; "Confirmer" by default. */
  confirm?: string;
  /** The action, once confirmed; its error message is shown and the page stays as it was. */
  action: () => Promise<void>;
  /** Shown when the action succeeds. */
  done?: string;
}

/** A button for an action that cannot be undone: asks first, then runs it and reloads the page's data. */
export const ConfirmButton = ({
  label,
  icon,
  color,
  title,
  titleOptions,
  content,
  confirm,
  action,
  done,
}: ConfirmButtonProps) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      await action();
      if (done) notify(done, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button label={label} color={color} onClick={() => setConfirming(true)}>
        {icon}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={busy}
        title={title}
        titleTranslateOptions={titleOptions}
        content={content}
        confirm={confirm}
        confirmColor={color === 'error' ? 'warning' : 'primary'}
        onConfirm={run}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
