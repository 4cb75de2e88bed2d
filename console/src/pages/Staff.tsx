import { useState, type FormEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { useSession } from '../lib/session';
import { rest } from '../lib/api';
import { dateTime } from '../lib/format';
import type { StaffMemberPage } from '../lib/schemas';
import { useRest } from '../lib/useRest';
import { Busy, ErrorBox, codeLabel } from '../components/ui';

const ROLES = ['viewer', 'after_sales', 'shipping'];


export function StaffPage() {
  const { t } = useI18n();
  const { shop, me } = useSession();
  const base = `/v1/shops/${shop.id}/staff`;
  const list = useRest<StaffMemberPage>(base);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const call = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
      setNotice(t(done));
      list.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void call(async () => {
      await rest(base, { method: 'POST', json: { email, role, display_name: name || null, password: password || null } });
      setEmail('');
      setName('');
      setPassword('');
    }, 'Staff member added');
  };

  return (
    <>
      <h1>{t('Staff')}</h1>
      <form className="card" onSubmit={add} aria-label={t('Add staff')}>
        <h2>{t('Add staff')}</h2>
        <div className="filters compact">
          <div className="field"><label htmlFor="s-email">{t('Email')}</label><input id="s-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></div>
          <div className="field"><label htmlFor="s-name">{t('Name')}</label><input id="s-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
          <div className="field">
            <label htmlFor="s-role">{t('Role')}</label>
            <select id="s-role" value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(codeLabel(r))}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="s-pw">{t('Password (new accounts)')}</label><input id="s-pw" type="password" minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} /></div>
          <button type="submit" className="primary">{t('Add')}</button>
        </div>
      </form>
      <ErrorBox error={error ?? list.error} />
      {notice && <p role="status" className="ok">{notice}</p>}
      <Busy busy={list.loading} label={t('Staff')}>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('Email')}</th><th scope="col">{t('Name')}</th><th scope="col">{t('Role')}</th><th scope="col" className="wide">{t('Scopes')}</th><th scope="col">{t('Since')}</th><th scope="col">{t('Actions')}</th></tr></thead>
            <tbody>
              {list.data?.data.map((m) => {
                const self = m.account_id === me.account?.id;
                return (
                  <tr key={m.account_id} data-testid="staff-row">
                    <td>{m.email}</td>
                    <td>{m.display_name ?? '—'}</td>
                    <td>
                      {m.role === 'owner' ? t('Owner') : (
                        <select aria-label={`${t('Role')} ${m.email}`} value={m.role} onChange={(e) => void call(() => rest(`${base}/${m.account_id}`, { method: 'PATCH', json: { role: e.target.value } }), 'Role changed')}>
                          {ROLES.map((r) => <option key={r} value={r}>{t(codeLabel(r))}</option>)}
                        </select>
                      )}
                    </td>
                    <td className="wide small-text">{m.scopes.join(' ')}</td>
                    <td>{dateTime(m.created_at, shop.timezone)}</td>
                    <td>
                      {m.role !== 'owner' && !self && (
                        <button type="button" className="small danger" onClick={() => window.confirm(t('Remove {email} from this shop?', { email: m.email })) && void call(() => rest(`${base}/${m.account_id}`, { method: 'DELETE' }), 'Staff member removed')}>{t('Remove')}</button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Busy>
    </>
  );
}
