/** Table mode of the bindings view: every SVA handle, and every candidate process with its MSRs. */
import { VirtualTable } from '../shared/VirtualTable.tsx';
import type { BindingsInput } from './bindingsModel.ts';

export function BindingTables({ input, onSelectProc }: { input: BindingsInput; onSelectProc: (proc: string) => void }) {
  const hs = input.handles;
  const ps = input.procs;
  return (
    <div className="vz-two-tables">
      <VirtualTable
        label="SVA handles"
        testId="bindings-table"
        columns={[
          { id: 'dev', label: 'Device' },
          { id: 'pasid', label: 'PASID', align: 'right' },
          { id: 'proc', label: 'Process' },
          { id: 'domain', label: 'SVA domain' },
          { id: 'tag', label: 'ASID / DID' },
          { id: 'users', label: 'Binds', align: 'right' },
          { id: 'domainUsers', label: 'Domain users', align: 'right' },
        ]}
        rowCount={hs.length}
        rowKey={(i) => `${hs[i]?.dev}|${hs[i]?.pasid}`}
        rowStates={(i) => (input.changed.has(`${hs[i]?.dev}|${hs[i]?.pasid}`) ? ['changed'] : [])}
        onRowClick={(i) => {
          const h = hs[i];
          if (h) onSelectProc(h.proc);
        }}
        cell={(i, col) => {
          const h = hs[i];
          if (!h) return null;
          if (col === 'tag')
            return input.iommuType.get(input.devices.find((d) => d.id === h.dev)?.iommu ?? '') === 'vtd'
              ? `DID ${h.tag}`
              : `ASID ${h.tag}`;
          return String(h[col as keyof typeof h]);
        }}
      />
      <VirtualTable
        label="Processes with a PASID, a bind or a loaded MSR"
        testId="procs-msr-table"
        columns={[
          { id: 'id', label: 'Process' },
          { id: 'mm', label: 'mm PASID', align: 'right' },
          { id: 'enq', label: 'ENQCMD PASID', align: 'right' },
          { id: 'msr', label: 'Thread MSRs' },
          { id: 'state', label: 'State' },
        ]}
        rowCount={ps.length}
        rowKey={(i) => ps[i]?.id ?? String(i)}
        rowStates={(i) => (ps[i]?.id === input.selectedProc ? ['selected'] : [])}
        onRowClick={(i) => {
          const pr = ps[i];
          if (pr) onSelectProc(pr.id);
        }}
        cell={(i, col) => {
          const pr = ps[i];
          if (!pr) return null;
          if (col === 'id') return pr.id;
          if (col === 'mm') return pr.mmPasid ?? '—';
          if (col === 'enq') return pr.pasid ?? 'invalid';
          if (col === 'msr') return pr.msr.map((m, t) => `T${t}:${m ?? '–'}`).join(' ');
          return pr.alive ? 'running' : pr.mmLive ? 'exited, mm pinned' : 'exited';
        }}
      />
    </div>
  );
}
