'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvidenceStatus, EvidenceView } from '@/lib/evidence/evidence-view';
import { StatusBadge } from '../_components/status-badge';
import { sha256File } from '../_components/sha256-file';

interface UploadItem {
  key: string;
  file: File;
  sha256?: string;
  progress: number;
  status: EvidenceStatus | 'uploading' | 'failed';
  error?: string;
  evidenceId?: string;
  blockNumber?: string;
}

const POLL_MS = 1500;

export function UploadPanel() {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const update = useCallback((key: string, patch: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const addFiles = useCallback(
    (files: FileList | File[]) => {
      const added = Array.from(files).map((file) => ({
        key: crypto.randomUUID(),
        file,
        progress: 0,
        status: 'uploading' as const,
      }));
      setItems((current) => [...added, ...current]);
      for (const item of added) void uploadOne(item, update);
    },
    [update],
  );

  // Poll items that are stored but not anchored yet, so the page updates without a reload.
  useEffect(() => {
    const waiting = items.filter((i) => i.evidenceId && (i.status === 'pending' || i.status === 'anchoring'));
    if (waiting.length === 0) return;
    const timer = setTimeout(async () => {
      for (const item of waiting) {
        const response = await fetch(`/api/v1/evidence/${item.evidenceId}`, { cache: 'no-store' }).catch(() => null);
        if (!response?.ok) continue;
        const view = (await response.json()) as EvidenceView;
        if (view.status !== item.status) update(item.key, { status: view.status, blockNumber: view.anchor?.blockNumber });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [items, update]);

  return (
    <div className="space-y-4">
      <div
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (e.dataTransfer.files.length > 0) addFiles(e.dataTransfer.files);
        }}
        onClick={() => inputRef.current?.click()}
        className={`cursor-pointer rounded-lg border-2 border-dashed p-10 text-center ${
          dragging ? 'border-sky-500 bg-sky-50' : 'border-slate-300 bg-white'
        }`}
      >
        <p className="font-medium">拖放文件到此处，或点击选择 Drop files here, or click to choose</p>
        <p className="text-sm text-slate-500">可多选 Several files at once</p>
        <input
          ref={inputRef}
          type="file"
          multiple
          aria-label="选择文件 Choose files"
          className="hidden"
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) addFiles(e.target.files);
            e.target.value = '';
          }}
        />
      </div>

      <ul className="space-y-3">
        {items.map((item) => (
          <li key={item.key} data-testid="upload-item" data-file-name={item.file.name} className="rounded-lg bg-white p-4 shadow-sm">
            <div className="flex items-center justify-between gap-4">
              <span className="font-medium">{item.file.name}</span>
              <StatusBadge status={item.status} />
            </div>
            <div className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100">
              <div
                role="progressbar"
                aria-valuenow={Math.round(item.progress * 100)}
                aria-valuemin={0}
                aria-valuemax={100}
                className="h-2 bg-sky-600 transition-all"
                style={{ width: `${Math.round(item.progress * 100)}%` }}
              />
            </div>
            {item.sha256 && (
              <p className="mono mt-2 text-xs text-slate-600">
                SHA-256: <span data-testid="sha256">{item.sha256}</span>
              </p>
            )}
            {item.error && (
              <p role="alert" className="mt-2 text-sm text-red-700">
                {item.error}
              </p>
            )}
            {item.evidenceId && (
              <p className="mt-2 flex gap-4 text-sm">
                <a className="text-sky-700 hover:underline" href={`/evidence/${item.evidenceId}`}>
                  详情 Details
                </a>
                {item.status === 'anchored' && (
                  <>
                    <span className="text-slate-600">区块 Block {item.blockNumber}</span>
                    <a className="text-sky-700 hover:underline" href={`/api/v1/evidence/${item.evidenceId}/certificate/pdf`}>
                      下载证书 Download certificate (PDF)
                    </a>
                    <a className="text-sky-700 hover:underline" href={`/api/v1/evidence/${item.evidenceId}/certificate`}>
                      JSON
                    </a>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

async function uploadOne(item: UploadItem, update: (key: string, patch: Partial<UploadItem>) => void) {
  try {
    const sha256 = await sha256File(item.file);
    update(item.key, { sha256 });
    const form = new FormData();
    form.append('sha256', sha256);
    form.append('file', item.file, item.file.name);
    const result = await postWithProgress('/api/v1/evidence/files', form, (fraction) =>
      update(item.key, { progress: fraction }),
    );
    if (result.status !== 201) {
      const detail = (result.body as { detail?: string } | null)?.detail ?? `HTTP ${result.status}`;
      update(item.key, { status: 'failed', error: detail });
      return;
    }
    const created = result.body as { id: string; sha256: string };
    update(item.key, { progress: 1, status: 'pending', evidenceId: created.id });
  } catch (error) {
    update(item.key, { status: 'failed', error: (error as Error).message });
  }
}

/** fetch() cannot report upload progress; XMLHttpRequest can. */
function postWithProgress(
  url: string,
  body: FormData,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error('网络错误 Network error: the upload did not reach the server.'));
    xhr.send(body);
  });
}
