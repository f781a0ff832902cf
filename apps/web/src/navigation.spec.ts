import { describe, expect, it } from '@jest/globals';
import { homePathFor, mayOpenPath, navItemsFor } from './navigation';

const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.label);

describe('navigation by role', () => {
  it('shows each role only the pages it may use', () => {
    expect(labels('admin')).toEqual(['窓口', 'ダッシュボード', '発送', '市町村', '監視ルール', '監査ログ', 'ユーザー', 'シミュレーション']);
    expect(labels('supervisor')).toEqual(['窓口', 'ダッシュボード', '発送', '市町村']);
    expect(labels('operator')).toEqual(['窓口', '市町村']);
    expect(labels('municipal')).toEqual(['窓口', '市町村ページ', '市町村']);
  });

  it('lands everyone on 窓口 and returns only to pages the role may open', () => {
    expect(homePathFor('municipal')).toBe('/desk');
    expect(mayOpenPath('admin', '/users')).toBe(true);
    expect(mayOpenPath('municipal', '/users')).toBe(false);
    expect(mayOpenPath('municipal', '/municipalities')).toBe(true);
    expect(mayOpenPath('operator', '/audit?actor=x')).toBe(false);
    expect(mayOpenPath('admin', '/desktop')).toBe(false);
  });
});
