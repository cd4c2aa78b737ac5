'use client';

// The portals' one confirmation dialog, on Radix's Dialog primitive (focus trapped and returned,
// Escape closes, the title and description named to assistive technology, the page behind inert).
// It confirms either by submitting a form of the page (`confirmForm`: the form's own action runs,
// with its hidden fields, as a plain submit would) or through `onConfirm`.
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

export function ConfirmDialog({
  trigger,
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel,
  confirmForm,
  onConfirm,
  destructive = false,
  testId,
}: {
  /** The button that opens the dialog; leave out to control it with `open`. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description: string;
  /** More than the description says, e.g. the existing records a choice concerns. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** id of the form that the confirm button submits. */
  confirmForm?: string;
  onConfirm?: () => void;
  destructive?: boolean;
  testId?: string;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <Dialog.Trigger asChild>{trigger}</Dialog.Trigger> : null}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 print:hidden" />
        <Dialog.Content
          data-testid={testId}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-6 shadow-xl focus:outline-none print:hidden"
        >
          <Dialog.Title className="text-lg font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700">{description}</Dialog.Description>
          {children}
          <div className="flex flex-wrap justify-end gap-3">
            <Dialog.Close asChild>
              <button type="button" data-testid="confirm-dialog-cancel" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
                {cancelLabel}
              </button>
            </Dialog.Close>
            <button
              type={confirmForm ? 'submit' : 'button'}
              form={confirmForm}
              data-testid="confirm-dialog-confirm"
              onClick={() => {
                onConfirm?.();
                onOpenChange?.(false);
              }}
              className={`rounded-md px-4 py-2 text-sm font-medium text-white ${destructive ? 'bg-red-700 hover:bg-red-800' : 'bg-slate-900 hover:bg-slate-800'}`}
            >
              {confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
